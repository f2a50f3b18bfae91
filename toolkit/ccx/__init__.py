"""ccx: the customer_centricity command-line toolkit (Odoo XML-RPC)."""

__version__ = "18.0.1.0.0"
