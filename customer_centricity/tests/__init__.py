from . import (
    test_contact_access,
    test_contact_compliance,
    test_customer_contact,
    test_partner_contact_figures,
    test_rights_surveys,
    test_rights_input,
    test_rights_outreach,
    test_ui,
)
