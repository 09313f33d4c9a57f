"""The classroom: a student's saved answers, hand-in files and the teacher's class report."""
