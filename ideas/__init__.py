"""Ideas and the public roadmap: proposals, votes with their importance, signed status
decisions, merges, comments, tags, the changelog and the backlog exports and API for product
teams. The idea and comment kinds are declared in `kinds` and registered in `apps`."""
