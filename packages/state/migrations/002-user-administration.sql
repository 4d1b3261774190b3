-- User administration (issue 8): administrators manage users, roles and scopes. The
-- permission is policy data like every other; no other role has it.
INSERT INTO role_permissions (role_code, permission) VALUES ('administrator', 'users:manage');
