from . import customer_value_history_import
