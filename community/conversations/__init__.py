"""Private conversations between a member and staff, reviews that are really complaints, and the
member page for staff ("never ask twice") with the notes staff keep about a member."""
