"""``xhslint lsp``: the language server (the optional ``[lsp]`` extra: pygls 2, lsprotocol,
tomlkit). See server.py."""
