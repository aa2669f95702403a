"""SAM's Handler for S3 Batch Operations (``app.lambda_handler``): the packaged handler, bound at cold start.

All of its code is ``newsclean.aws.batch_handler``, in the layer; this file only binds it.
"""

from newsclean.aws.batch_handler import BatchHandler

HANDLER = BatchHandler.from_environment()
lambda_handler = HANDLER.lambda_handler
