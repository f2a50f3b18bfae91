from . import test_goodwill, test_sale_demo, test_sale_value
