"""Reading a response whole, whether the view sent it at once or streamed it."""


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content
