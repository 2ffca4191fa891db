"""Settings of every person's Jupyter server on the workshop hub (on JUPYTER_CONFIG_PATH).

The course pages as `safeshare course serve` shows them (safeshare.course.serve):
the safeshare template (no CDN), no code, no tracebacks, only the widget
extensions, MathJax pointed at a local empty script, and idle kernels culled
so a closed tab costs nothing for long. JupyterLab, for educators, shows no news
pop-up and checks for no updates (the room may be offline).
"""

import os

c = get_config()  # type: ignore[name-defined]  # noqa: F821 - provided by Jupyter

prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/")
c.VoilaConfiguration.template = "safeshare"
c.VoilaConfiguration.theme = "light"
c.VoilaConfiguration.strip_sources = True
c.VoilaConfiguration.show_tracebacks = False
c.VoilaConfiguration.file_allowlist = []
c.VoilaConfiguration.extension_allowlist = ["@jupyter-widgets/jupyterlab-manager", "anywidget"]
c.VoilaExecutor.timeout = 300
c.ServerApp.tornado_settings = {"mathjax_url": f"{prefix}voila/static/no-mathjax.js"}
c.MappingKernelManager.cull_idle_timeout = int(os.environ.get("SAFESHARE_KERNEL_CULL_AFTER", "300"))
c.MappingKernelManager.cull_interval = 60
c.MappingKernelManager.cull_connected = False
c.MappingKernelManager.cull_busy = False
c.LabApp.news_url = None
c.LabApp.check_for_updates_class = "jupyterlab.NeverCheckForUpdate"
