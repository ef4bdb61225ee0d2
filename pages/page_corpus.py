"""Corpus: add coverage (files or pasted text), correct metadata, delete and restore."""

import pandas as pd
import streamlit as st

from briefing import config
from briefing.formats import SUPPORTED_EXTENSIONS
from briefing.storage import AddOutcome, safe_source_name
from ui.data import current_store
from briefing.wording import plural
from ui.render import md_escape
from ui.widgets import TABLE_PAGE_SIZES, csv_download, paginate

st.title("Corpus")
store = current_store()
limit_mb = config.MAX_FILE_BYTES / 1024 / 1024


def show_outcomes(outcomes) -> None:
    frame = pd.DataFrame([{"Outcome": o.status, "File": o.source_name, "Details": o.message} for o in outcomes])
    added = sum(o.stored for o in outcomes)
    (st.success if added else st.warning)(f"{added} of {len(outcomes)} added.")
    st.dataframe(frame, hide_index=True, key="outcomes")


upload_tab, paste_tab = st.tabs(["Upload files", "Paste text"])
with upload_tab:
    with st.form("upload", clear_on_submit=True):
        files = st.file_uploader(
            f"Article files ({', '.join(SUPPORTED_EXTENSIONS)}; up to {limit_mb:g} MB each)",
            type=[extension.lstrip(".") for extension in SUPPORTED_EXTENSIONS], accept_multiple_files=True,
        )
        submitted = st.form_submit_button("Add files")
    if submitted and files:
        outcomes = []
        progress = st.progress(0.0, text="Adding files…")
        for done, uploaded in enumerate(files, start=1):
            if uploaded.size > config.MAX_FILE_BYTES:  # refused before its bytes are read
                outcomes.append(AddOutcome(safe_source_name(uploaded.name), "refused",
                                           f"file is {uploaded.size:,} bytes, over the {config.MAX_FILE_BYTES:,}-byte limit"))
            else:
                outcomes.append(store.add_bytes(uploaded.name, uploaded.getvalue()))
            progress.progress(done / len(files), text=f"Added {done} of {len(files)} files")
        progress.empty()
        st.session_state["last_outcomes"] = outcomes
with paste_tab:
    with st.form("paste", clear_on_submit=True):
        text = st.text_area("Article text", height=200)
        title_column, outlet_column, date_column = st.columns(3)
        title = title_column.text_input("Title (optional)")
        outlet = outlet_column.text_input("Outlet (optional)")
        published = date_column.text_input("Published (optional, YYYY-MM-DD)")
        pasted = st.form_submit_button("Add text")
    if pasted:
        st.session_state["last_outcomes"] = [store.add_text(text, title, outlet, published)]
if st.session_state.get("last_outcomes"):
    show_outcomes(st.session_state["last_outcomes"])

st.subheader("Stored articles")
st.caption("Every stored article, deleted ones included; the sidebar filters apply to the analysis pages only.")
rows = store.list(include_deleted=True)
if not rows:
    st.info("The corpus is empty. Upload files or paste text above.")
    st.stop()
names = {row.id: row.source_name for row in rows}
frame = pd.DataFrame([
    {"Title": row.title or row.source_name, "Outlet": row.outlet, "Published": row.published,
     "Language": row.language, "Near-duplicate of": names.get(row.near_duplicate_of),
     "Corrected": ", ".join(sorted(row.corrections)) or None, "Deleted": row.deleted_at is not None,
     "File": row.source_name, "Added": row.added_at[:19].replace("T", " "), "Id": row.id}
    for row in rows
])
st.dataframe(paginate(frame, key="stored-pages", noun="stored articles", page_sizes=TABLE_PAGE_SIZES), hide_index=True,
             key="stored")
if len(frame) > TABLE_PAGE_SIZES[0]:
    csv_download("Stored articles (CSV)", frame, "stored-articles.csv", key="stored-csv")
not_english = [row for row in rows if row.language != "en" and not row.deleted_at]
if not_english:
    st.caption(f"Not in English, so left out of the analysis: {plural(len(not_english), 'stored article')}: "
               + md_escape(", ".join(row.source_name for row in not_english)[:500]))

labels = {row.id: f"{row.title or row.source_name} ({row.source_name})" for row in rows}
st.subheader("Correct an article")
chosen = st.selectbox("Article to correct", list(labels), format_func=labels.get, key="correct-article")
current = next(row for row in rows if row.id == chosen)
with st.form("correct"):
    new_title = st.text_input("Title", value=current.title or "")
    new_outlet = st.text_input("Outlet", value=current.outlet or "")
    new_date = st.text_input("Published (YYYY-MM-DD)", value=current.published or "")
    saved = st.form_submit_button("Save corrections")
if saved:
    problems = [
        problem for field, value, old in (("title", new_title, current.title), ("outlet", new_outlet, current.outlet),
                                          ("published", new_date, current.published))
        if (value or None) != old and (problem := store.correct(chosen, field, value))
    ]
    if problems:
        st.error("Not saved: " + md_escape("; ".join(problems)))
    else:
        st.session_state["corrections_saved"] = True
        st.rerun()  # redraw the table and the sidebar with the corrected values
if st.session_state.pop("corrections_saved", False):
    st.success("Corrections saved; the analysis is updated.")

st.subheader("Delete or restore")
target = st.selectbox("Article", list(labels), format_func=labels.get, key="delete-article")
row = next(r for r in rows if r.id == target)
if row.deleted_at:
    if st.button("Restore article", key="restore"):
        store.restore(target)
        st.rerun()
elif st.button("Delete article", key="delete"):
    store.remove(target)
    st.rerun()
st.caption("Deleting hides an article from the analysis; it stays in the store and can be restored.")
