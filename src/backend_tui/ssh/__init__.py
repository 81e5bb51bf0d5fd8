"""The SSH front door: `backend-tui serve` gives each learner their own app.

Nothing here imports the Textual app: every session runs ``backend-tui`` as a
child process on its own pseudo-terminal, so one learner's crash stays theirs.
"""
