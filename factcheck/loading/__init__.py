"""Loading: files on disk → a validated Project (yamlfile → nodes → sources, claims → project)."""
