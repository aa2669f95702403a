"""SAM's Handler for S3 uploads (``app.lambda_handler``): the packaged handler, bound at cold start.

All of its code is ``newsclean.aws.upload_handler``, in the layer; this file only binds it.
"""

from newsclean.aws.upload_handler import UploadHandler

HANDLER = UploadHandler.from_environment()
lambda_handler = HANDLER.lambda_handler
