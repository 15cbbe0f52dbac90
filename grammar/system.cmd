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

cmd enable algorithm-type {md5|sha256|scrypt} secret LINE$secret
    mode      config
    help      enable          Modify enable password parameters
    help      algorithm-type  Algorithm to use for hashing the plaintext 'enable' secret
    help      md5             Encode the password using the MD5 algorithm
    help      sha256          Encode the password using the PBKDF2 hashing algorithm
    help      scrypt          Encode the password using the SCRYPT hashing algorithm
    help      secret          Assign the privileged level secret
    help      LINE$secret     The UNENCRYPTED (cleartext) 'enable' secret
    handler   enable_algorithm_secret
    doc       The enable secret typed in clear, kept as the hash of the algorithm named: type 5
    doc       (MD5-crypt, by the system's crypt(3)), 8 (PBKDF2-SHA256) or 9 (scrypt, what enable
    doc       secret 0 keeps as well). running-config shows it as "enable secret TYPE HASH";
    doc       "no enable secret" removes it.

cmd enable password {0 LINE$password | 7 WORD$encrypted | LINE$password}
    mode      config
    help      enable          Modify enable password parameters
    help      password        Assign the privileged level password
    help      0               Specifies an UNENCRYPTED password will follow
    help      7               Specifies a HIDDEN password will follow
    help      LINE$password   The UNENCRYPTED (cleartext) 'enable' password
    help      WORD$encrypted  The HIDDEN 'enable' password string
    no        enable password
    handler   enable_password
    doc       The older form of the enable secret, for configurations written for IOS: the password
    doc       in clear (type 0: the rest of the line, at most 256 characters) or hidden with IOS's
    doc       type 7, shown as type 7 in running-config either way. enable checks it only when no
    doc       enable secret is set: when both are, the secret wins, as on IOS. A password equal to
    doc       the enable secret is kept, with IOS's warning ("The enable password you have chosen
    doc       is the same as your enable secret."); a type 7 string that does not decode is refused.

cmd username WORD$name privilege <0-15>$level
    mode      config
    help      username   Establish User Name Authentication
    help      WORD$name  User name
    help      privilege  Set user privilege level
    help      <0-15>     User privilege level
    no        username WORD$name
    handler   username_privilege
    doc       A local user: a shell whose peer is the Unix user of that name (a login through SSH
    doc       with cwmpsh as its command, or cwmpsh run by that user) starts at this privilege
    doc       level, without a question (sshd, or the system's login, has authenticated the user);
    doc       15 starts in privileged EXEC. A shell of a user without an entry starts at level 1.
    doc       Each username line changes only what it gives (the privilege, the secret or the
    doc       password of the forms with secret and password). "no username NAME" removes the user;
    doc       shells already open keep their level.

cmd username WORD$name [privilege <0-15>$level] secret {0 LINE$secret | 5 WORD$md5 | 8 WORD$pbkdf2 | 9 WORD$hash | LINE$secret}
    mode      config
    help      username     Establish User Name Authentication
    help      WORD$name    User name
    help      privilege    Set user privilege level
    help      <0-15>       User privilege level
    help      secret       Specify the secret for the user
    help      0            Specifies an UNENCRYPTED secret will follow
    help      5            Specifies a MD5 HASHED secret will follow
    help      8            Specifies a PBKDF2 HASHED secret will follow
    help      9            Specifies a SCRYPT HASHED secret will follow
    help      WORD$md5     The MD5 HASHED user secret string
    help      WORD$pbkdf2  The PBKDF2 HASHED user secret string
    help      WORD$hash    The SCRYPT HASHED user secret string
    help      LINE$secret  The UNENCRYPTED (cleartext) user secret
    handler   username_secret
    doc       The user's secret, kept as the enable secret is: typed in clear (type 0), only its type
    doc       9 (scrypt) hash is kept; a type 5, 8 or 9 hash from an IOS configuration is kept as it
    doc       is. running-config shows "username NAME privilege N secret TYPE HASH" (the privilege
    doc       only when it is not 1). A user has a secret or a password, not both: IOS's "ERROR: Can
    doc       not have both a user password and a user secret." refuses the other.

cmd username WORD$name [privilege <0-15>$level] algorithm-type {md5|sha256|scrypt} secret LINE$secret
    mode      config
    help      username        Establish User Name Authentication
    help      WORD$name       User name
    help      privilege       Set user privilege level
    help      <0-15>          User privilege level
    help      algorithm-type  Algorithm to use for hashing the plaintext secret for the user
    help      md5             Encode the password using the MD5 algorithm
    help      sha256          Encode the password using the PBKDF2 hashing algorithm
    help      scrypt          Encode the password using the SCRYPT hashing algorithm
    help      secret          Specify the secret for the user
    help      LINE$secret     The UNENCRYPTED (cleartext) user secret
    handler   username_algorithm_secret
    doc       The user's secret typed in clear, kept as the hash of the algorithm named (type 5, 8
    doc       or 9, as for enable algorithm-type) and shown as "secret TYPE HASH".

cmd username WORD$name [privilege <0-15>$level] password {0 LINE$password | 7 WORD$encrypted | LINE$password}
    mode      config
    help      username        Establish User Name Authentication
    help      WORD$name       User name
    help      privilege       Set user privilege level
    help      <0-15>          User privilege level
    help      password        Specify the password for the user
    help      0               Specifies an UNENCRYPTED password will follow
    help      7               Specifies a HIDDEN password will follow
    help      WORD$encrypted  The HIDDEN user password string
    help      LINE$password   The UNENCRYPTED (cleartext) user password
    handler   username_password
    doc       The user's password, for configurations written for IOS: in clear (type 0) or type 7,
    doc       shown as type 7 in running-config either way.

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

cmd clock summer-time WORD$zone date WORD$smonth <1-31>$sday <1993-2035>$syear WORD$stime WORD$emonth <1-31>$eday <1993-2035>$eyear WORD$etime [<1-1440>$offset]
    mode      config
    help      clock              Configure time-of-day clock
    help      summer-time        Configure summer (daylight savings) time
    help      WORD$zone          name of time zone in summer
    help      date               Configure absolute summer time
    help      WORD$smonth        Month to start
    help      <1-31>$sday        Date to start
    help      <1993-2035>$syear  Year to start
    help      WORD$stime         Time to start (hh:mm)
    help      WORD$emonth        Month to end
    help      <1-31>$eday        Date to end
    help      <1993-2035>$eyear  Year to end
    help      WORD$etime         Time to end (hh:mm)
    help      <1-1440>$offset    Offset to add in minutes
    no        clock summer-time [WORD$zone]
    handler   clock_summer_time_date
    doc       Summer time from one local date and time to another (months as Jan to Dec), the
    doc       clock OFFSET minutes ahead (60 by default): Time.DaylightSavingsUsed,
    doc       DaylightSavingsStart and DaylightSavingsEnd, which write this form.

cmd clock summer-time WORD$zone recurring [WORD$sweek WORD$sday WORD$smonth WORD$stime WORD$eweek WORD$eday WORD$emonth WORD$etime [<1-1440>$offset]]
    mode      config
    help      clock            Configure time-of-day clock
    help      summer-time      Configure summer (daylight savings) time
    help      WORD$zone        name of time zone in summer
    help      recurring        Configure recurring summer time
    help      WORD$sweek       Week number to start (1-4 or last)
    help      WORD$sday        Weekday to start (Sun to Sat)
    help      WORD$smonth      Month to start
    help      WORD$stime       Time to start (hh:mm)
    help      WORD$eweek       Week number to end (1-4 or last)
    help      WORD$eday        Weekday to end (Sun to Sat)
    help      WORD$emonth      Month to end
    help      WORD$etime       Time to end (hh:mm)
    help      <1-1440>$offset  Offset to add in minutes
    handler   clock_summer_time_recurring
    doc       Summer time every year, from the given week's weekday of a month to another's;
    doc       without the rules, those of the United States (2 Sun Mar 2:00 to 1 Sun Nov 2:00).
    doc       DaylightSavingsStart and End read this year's dates.
