"""The trainings page (培训宣传): list, property-company attendance, quarterly figures, edit dialog."""
