alice was here
