"""Billing and identity: Stripe plans, checkout, portal and webhooks; Clerk user webhooks.

Every credit change goes through ``service.ledger`` (one ``credit_history`` row naming its
cause); this package only decides *what* a provider's event means for a user.
"""
