from . import test_sale_value
