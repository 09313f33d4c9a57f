"""The classroom: a student's saved answers, hand-in files and the teacher's class report.

Modules, from the student's side to the teacher's: :mod:`.names` (who the student is,
safe file names), :mod:`.store` (the student's file of answers), :mod:`.recorder` (a
checked quiz saved to the store, and restored when shown again), :mod:`.panels` (the
whoami and hand-in widgets), :mod:`.my_progress` (the student's progress page),
:mod:`.handin` (hand-in files: write, read, check), :mod:`.report` (the class report),
with :mod:`.banks` (quiz banks by slug) and :mod:`.notices` (one-line warnings) shared.
"""
