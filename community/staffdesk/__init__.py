"""The staff desk: response promises in the admin, the service figures dashboard and its CSV."""
