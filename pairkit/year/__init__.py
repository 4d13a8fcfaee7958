"""The platform's year: its settings, the retention of notes, collective activities, the report."""
