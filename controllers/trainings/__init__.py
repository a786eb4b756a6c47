"""Floor 4: trainings (培训): records, attendees, export, statistics, the sign-in sheet."""
