"""Tools for the teacher who writes the kit's files: check, new, anchor, flag, review, build."""
