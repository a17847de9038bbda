from .cli import run

# Guarded: worker processes (``--jobs``) import the main module again, and must not rerun the CLI.
if __name__ == "__main__":
    run()
