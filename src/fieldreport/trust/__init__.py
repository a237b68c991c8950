"""Who is trusted: enrolment requests, the signed organisation profile. No I/O, no Qt."""
