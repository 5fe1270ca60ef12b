"""Brief generation: the short second path of the design.

``brief data (YAML) -> validated model -> Jinja (sandboxed, StrictUndefined) -> md / docx``

One module per concern: ``bundled`` (where templates and data files live),
``data`` (load and validate a brief data file), ``playbook`` (waves and the
KOL pyramid), ``calendar`` (crowded shopping windows), ``compliance``
(reminders per vertical), ``templating`` (the sandboxed Jinja environment),
``render`` (context and Markdown), ``docx_writer`` (Markdown to Word),
``output`` (atomic writes), ``starter`` (``brief init``) and ``verticals``.
Nothing heavy is imported here.
"""
