# Login over SSH: OpenSSH's sshd on loopback with cwmpsh as the forced command.
