"""The team's workshop, projected: its state and changes, its two pages, its terminal."""
