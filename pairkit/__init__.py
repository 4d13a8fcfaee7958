"""pairkit : accompagner le recrutement d'un·e travailleur·se pair·e."""

__version__ = "0.2.0"
