"""The relay server (`fieldreport-hq serve`): FastAPI on uvicorn, ciphertext and metadata only."""
