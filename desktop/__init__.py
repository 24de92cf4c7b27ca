"""The argmap desktop application (PySide6). Imports argmap; argmap never imports this."""
