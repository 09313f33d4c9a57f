"""The lowest layer: reading and writing the kit's files safely."""
