from . import test_customer_contact
from . import test_contact_access
from . import test_contact_compliance
from . import test_partner_contact_figures
from . import test_ui
