# nbconvert configuration: export course notebooks to HTML with echarts inlined once
# per page, so that the charts of helpers/chart draw offline (also from file://).
#
#   jupyter nbconvert --config helpers/chart/nbconvert/golab_nbconvert.py notebooks/x.ipynb
#
# works from any directory; other options (--output-dir, --execute, ...) still apply.
# It selects the "golab" template beside this file (nbconvert's "lab" template plus
# echarts, minus the RequireJS <script> from a CDN) and puts helpers/chart/assets,
# which holds the vendored echarts.min.js, on the template path.
import os

here = os.path.dirname(os.path.abspath(__file__))  # noqa: F821 (set by traitlets)

c = get_config()  # noqa: F821 (provided by traitlets when loading this file)
c.NbConvertApp.export_format = "html"
c.HTMLExporter.template_name = "golab"
c.TemplateExporter.extra_template_basedirs = [here]
c.TemplateExporter.extra_template_paths = [os.path.join(here, "..", "assets")]
#
# The template also drops the "lab" template's MathJax and Mermaid <script>s, which come
# from CDNs: an exported page loads nothing from the network.
