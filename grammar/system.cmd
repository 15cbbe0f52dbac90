# Global configuration of the system: name, secrets, password display.

cmd hostname WORD$name
    mode      config
    help      hostname  Set system's network name
    help      WORD      This system's network name
    no        hostname [WORD$name]
    default   Router
    handler   hostname
    doc       Sets the name shown in the prompt and in running-config. Letters, digits and hyphens,
    doc       starting with a letter and not ending with a hyphen, at most 63 characters.

cmd enable secret {0 LINE$secret | 5 WORD$md5 | 8 WORD$pbkdf2 | 9 WORD$hash | LINE$secret}
    mode      config
    help      enable       Modify enable password parameters
    help      secret       Assign the privileged level secret
    help      0            Specifies an UNENCRYPTED secret will follow
    help      5            Specifies an MD5 HASHED secret will follow
    help      8            Specifies a PBKDF2 HASHED secret will follow
    help      9            Specifies a SCRYPT hashed secret will follow
    help      WORD$md5     The MD5 hashed 'enable' secret string
    help      WORD$pbkdf2  The PBKDF2 hashed 'enable' secret string
    help      LINE$secret  The UNENCRYPTED (cleartext) 'enable' secret
    help      WORD$hash    The SCRYPT hashed 'enable' secret string
    no        enable secret
    handler   enable_secret
    doc       Sets the secret that the enable command asks for. A cleartext secret (type 0) is stored
    doc       only as its type 9 (scrypt) hash. A hash as an IOS configuration holds it is kept as it
    doc       is and checked as its type: 5 (MD5-crypt, checked by the system's crypt(3)), 8
    doc       (PBKDF2-SHA256, 20,000 iterations) or 9 (scrypt); running-config shows it with its type.
    doc       A hash that is not a valid one of the type given is refused with a message rather than
    doc       taken for a clear-text secret.

cmd service password-encryption
    mode      config
    help      service              Modify use of network based services
    help      password-encryption  Encrypt system passwords
    no        service password-encryption
    handler   service_password_encryption
    doc       Kept for configurations written for IOS: cwmpd shows every password entered in clear
    doc       (type 0) as type 7 in running-config whether or not it is set, for a password is never
    doc       printed in clear after entry.

cmd clock timezone WORD$zone <-23-23>$hours [<0-59>$minutes]
    mode      config
    help      clock      Configure time-of-day clock
    help      timezone   Configure time zone
    help      WORD       name of time zone
    help      <-23-23>   Hours offset from UTC
    help      <0-59>     Minutes offset from UTC
    no        clock timezone [WORD$zone <-23-23>$hours [<0-59>$minutes]]
    default   UTC
    handler   clock_timezone
    doc       The time zone shown by show clock, and Time.LocalTimeZoneName and LocalTimeZone.
