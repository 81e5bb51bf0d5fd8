"""The Textual dashboard. Only this package (and the CLI, lazily) imports Textual."""
