"""Users, their roles and teams, what each role may do, and signing in and out.

``permissions`` declares roles' capabilities and record scopes once; ``access`` enforces them in
one mixin that every view uses; ``backends`` and ``checks`` keep demo users out of production.
"""
