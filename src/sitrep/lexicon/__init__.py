"""What sitrep knows about names before it reads a word: places (the gazetteer), the
name lexicons (titles, transliteration, spelling keys) and how a headline or a heading
line looks (``headlines``).

It sits below both ``analyze`` (which tags and places mentions in one document) and
``resolve`` (which joins them across the corpus), so neither has to import the other.
The gazetteer is always handed to the code that uses it: analysis and resolution take it
as an argument, and none of them reads a process-wide setting.
"""
