from . import test_pos_value
from . import test_pos_partner_data
from . import test_pos_ui
from . import test_pos_demo
