"""Template tags of the ground floor: bylines, avatars, Markdown, moderation receipts and
protections."""
