from . import (
    customer_contact,
    customer_contact_target,
    customer_value,
    customer_value_history,
    customer_value_model,
    res_company,
    res_config_settings,
    res_partner,
)
