"""Questions and answers: asking, answering, solutions, named owners and the staff inbox."""
