from . import customer_value
from . import res_partner
