# Login over SSH: OpenSSH's sshd on loopback with cwmpsh as the forced command (skipped where
# OpenSSH is not installed), and the sample startup-config of contrib/ loaded by cwmpd.
SSH_TESTS = \
	tests/integration/ssh_login.sh \
	tests/integration/sample_config.sh
TESTS += $(SSH_TESTS)
EXTRA_DIST += $(SSH_TESTS)
