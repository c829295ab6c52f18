"""Members delete their own account: their personal data goes, the community's threads stay
readable. See `services` (closing the account, the background erasure), `erasers` (what each
part of the community erases) and `community.erasure` (the registry other parts add to)."""
