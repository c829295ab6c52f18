"""Members delete their own account: their personal data goes, the community's threads stay
readable. See `services` (closing the account, the background erasure), `erasers` (what the
ground floor erases; each app registers its own erasers beside its models) and
`community.erasure` (the registry, and the tools erasers share)."""
