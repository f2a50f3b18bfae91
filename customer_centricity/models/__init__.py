from . import (
    customer_contact,
    customer_contact_target,
    res_company,
    res_config_settings,
    res_partner,
)
