"""Images attached to a post: their metadata, the text in their pixels, and a clean copy."""
