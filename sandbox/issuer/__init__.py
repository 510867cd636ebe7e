"""The card issuer's 3-D Secure access control server (ACS), on its own port.

In a European card payment the customer's bank, not the merchant, decides whether a payment
needs strong customer authentication (PSD2); when it does, the merchant's checkout shows the
bank's challenge in a frame served from the bank's origin. The portal is the merchant here;
this package is the bank: which cards are challenged (`cards`), the authentication records
shared with the portal through the back office (`authentications`), and the challenge pages
(`app`).
"""
