"""The edge between newsclean and AWS: the S3 adapter and what handlers share.

``newsclean.aws.s3`` is the only module that imports the AWS SDK (botocore). ``records`` and
``job`` import it only through ``s3``, so the CLI's ``clean`` command (which
uses ``records``) runs without it. Nothing here is imported by the core.
"""
