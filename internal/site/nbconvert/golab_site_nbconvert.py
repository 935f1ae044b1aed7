# nbconvert configuration of the course website (`make site`, internal/site).
#
#   jupyter nbconvert --config internal/site/nbconvert/golab_site_nbconvert.py --output-dir DIR x.ipynb
#
# selects the "golab_site" template beside this file. It extends helpers/chart's "golab"
# template (nbconvert's "lab" without its CDN scripts) but does not inline echarts: the
# charts load _static/echarts-5.6.0.min.js from the site. The page chrome (header,
# previous/next, "Run it yourself", the course map) comes from the notebook's metadata
# "golab_site", written by internal/site; without it a page renders as a bare notebook.
import os

here = os.path.dirname(os.path.abspath(__file__))  # noqa: F821 (set by traitlets)

c = get_config()  # noqa: F821 (provided by traitlets when loading this file)
c.NbConvertApp.export_format = "html"
c.HTMLExporter.template_name = "golab_site"
golab = os.path.normpath(os.path.join(here, "..", "..", "..", "helpers", "chart", "nbconvert"))
c.TemplateExporter.extra_template_basedirs = [here, golab]
# So that the template can say {% extends 'golab/index.html.j2' %}.
c.TemplateExporter.extra_template_paths = [golab]
# No "In [3]:" prompts: a page to read, not a notebook to edit.
c.TemplateExporter.exclude_input_prompt = True
c.TemplateExporter.exclude_output_prompt = True
