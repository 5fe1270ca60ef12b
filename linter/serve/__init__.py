"""``xhslint serve``: a local web workspace on the same engine (the optional ``[serve]`` extra).

Pages: Check (paste a note or brief, findings highlighted as you type), Batch (a
spreadsheet in, a sortable table and the HTML, xlsx and JSON reports out), Brief (a form
built from the brief data schema, a live preview with its own lint result), Plan (a
roster and campaign file in, the plan report out) and Rules (every rule, with a box to
try a sentence against one). Nothing loads from the network: htmx is vendored in
``static/``; every page sends a Content-Security-Policy that allows only this server.
"""
