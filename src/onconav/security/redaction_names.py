"""Word lists for name redaction: common US first and last names, and capitalised words that are not names."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


FIRST_NAMES = _words("""
James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard Susan
Joseph Jessica Thomas Sarah Charles Karen Christopher Lisa Daniel Nancy Matthew Betty Anthony Margaret
Mark Sandra Donald Ashley Steven Kimberly Paul Emily Andrew Donna Joshua Michelle Kenneth Carol Kevin
Amanda Brian Dorothy George Melissa Timothy Deborah Ronald Stephanie Edward Rebecca Jason Sharon
Jeffrey Laura Ryan Cynthia Jacob Kathleen Gary Amy Nicholas Angela Eric Shirley Jonathan Anna Stephen
Brenda Larry Pamela Justin Emma Scott Nicole Brandon Helen Benjamin Samantha Samuel Katherine Gregory
Christine Alexander Debra Frank Rachel Patrick Carolyn Raymond Janet Jack Catherine Dennis Maria Jerry
Heather Tyler Diane Aaron Ruth Jose Julie Adam Olivia Nathan Joyce Henry Virginia Douglas Victoria
Zachary Kelly Peter Lauren Kyle Christina Ethan Joan Walter Evelyn Noah Judith Jeremy Megan Christian
Andrea Keith Cheryl Roger Hannah Terry Jacqueline Gerald Martha Harold Gloria Sean Teresa Austin Ann
Carl Sara Arthur Madison Lawrence Frances Dylan Kathryn Jesse Janice Jordan Jean Bryan Abigail Billy
Alice Joe Judy Bruce Sophia Gabriel Grace Logan Denise Albert Amber Willie Doris Alan Marilyn Juan
Danielle Wayne Beverly Elijah Isabella Randy Theresa Roy Diana Vincent Natalie Ralph Brittany Eugene
Charlotte Russell Marie Bobby Kayla Mason Alexis Philip Lori Louis Rosa Carlos Luis Miguel Ana Sofia
Camila Valentina Lucia Diego Javier Alejandro Fernando Ricardo Mohammed Ahmed Fatima Aisha Omar Ali
Wei Li Ming Hiroshi Yuki Priya Raj Anil Sanjay Deepa Arjun Kwame Ama Chinedu Ngozi Dmitri Olga Ivan
Anya Mateo Liam Ava Mia Harper Ella Chloe Zoe Leah Ellen Ruby Irene Edith Walter Gwen Joan Ted Tom Bob
Jim Bill Mike Dave Steve Chris Pat Sam Alex Kate Beth Meg Jen Liz Sue Deb Rob Dan Ben Tim Greg Nick Ron
""")

LAST_NAMES = _words("""
Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez
Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark
Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams
Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz Parker
Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper
Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks Chavez Wood James
Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers Long Ross Foster Jimenez
Powell Jenkins Perry Russell Sullivan Bell Coleman Butler Henderson Barnes Gonzales Fisher Vasquez
Simmons Romero Jordan Patterson Alexander Hamilton Graham Reynolds Griffin Wallace Moreno West Cole
Hayes Bryant Herrera Gibson Ellis Tran Medina Aguilar Stevens Murray Ford Castro Marshall Owens
Harrison Fernandez McDonald Woods Washington Kennedy Wells Vargas Henry Chen Freeman Webb Tucker Guzman
Burns Crawford Olson Simpson Porter Hunter Gordon Mendez Silva Shaw Snyder Mason Dixon Munoz Hunt Hicks
Holmes Palmer Wagner Black Robertson Boyd Rose Stone Salazar Fox Warren Mills Meyer Rice Schmidt Garza
Daniels Ferguson Nichols Stephens Soto Weaver Ryan Gardner Payne Grant Dunn Kelley Spencer Hawkins
Arnold Pierce Vazquez Hansen Peters Santos Hart Bradley Knight Elliott Cunningham Duncan Armstrong
Hudson Carroll Lane Riley Andrews Alvarado Ray Delgado Berry Perkins Hoffman Johnston Matthews Pena
Richards Contreras Willis Carpenter Lawrence Sandoval Wang Zhang Liu Yang Huang Zhao Wu Zhou Xu Sun Ma
Singh Kumar Shah Gupta Sharma Khan Ahmed Ali Hussain Cohen Levy Friedman Schwartz Katz Novak Kowalski
Nowak Ivanov Petrov Sato Suzuki Takahashi Tanaka Watanabe Yamamoto Okafor Mensah Adeyemi Osei Mwangi
O'Brien O'Connor O'Neil Murphy Doyle Byrne Walsh Quinn Gallagher Kelleher Rossi Russo Ferrari Esposito
Bianchi Romano Colombo Ricci Marino Greco Bruno Müller Schneider Fischer Weber Becker Schulz Dubois
""")

# Capitalised words that follow labels or honorific-like patterns but are not names.
NOT_NAMES = _words("""
the a an of and or in on at to for with by from is was be has had no not none unknown n/a na see
report pathology surgical specimen specimens diagnosis final clinical history impression findings result
results comment comments note notes addendum procedure procedures received gross microscopic description
summary patient name physician provider hospital medical center clinic university department laboratory
lab service services oncology radiology cancer institute health system medicine general memorial
community regional county state national st saint mount sinai children's women's veterans affairs
tumor tumour carcinoma adenocarcinoma lymphoma melanoma sarcoma leukemia breast lung colon prostate
left right bilateral upper lower negative positive present absent grade stage margin margins node nodes
gleason her2 er pr ki-67 pd-l1 egfr alk kras braf brca brca1 brca2 msi mmr tmb ngs fish ihc ct mri pet
date time dob mrn age sex male female reviewed signed electronically verified attending resident fellow
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
md do phd rn np pa-c mbbs facs fcap msn aprn crnp
whipple hodgkin non-hodgkin bethesda tnm ajcc who nccn fda asco
""") | frozenset({"n/a"})
